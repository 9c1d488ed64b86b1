app_name = "investigations"
urlpatterns = []
